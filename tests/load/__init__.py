"""`make load`: the bot under many simulated users, on the Bot API emulator."""
