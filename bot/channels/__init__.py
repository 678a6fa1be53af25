"""The channels citizens talk to gongkai through; each renders the same Answer."""
