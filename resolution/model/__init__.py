"""The Dedupe model: its shipped training file, training, and the saved, versioned model."""
