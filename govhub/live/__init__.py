"""The live meeting room: what its clients see, gathered from meetings and voting."""
