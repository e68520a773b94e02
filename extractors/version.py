"""The extractor version, stored with every event so old results stay reproducible."""

EXTRACTOR_VERSION = "0.8.0"
