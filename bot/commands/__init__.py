"""One module per `gongkai` command."""
