"""Settings, logging, model files and the process supervisor: what every other layer runs on."""
