"""gongkai (公开): static transparency websites for Chinese budget and final-account disclosures."""

__version__ = "0.1.0"
