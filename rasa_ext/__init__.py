"""Code that runs inside the Rasa server: the multi-script tokenizer, the intent classifier, the safety
boost, the forgetting tracker store, and two fixes that each cut Rasa's CPU per message (profiled with
py-spy under load): a schema cache (schema_cache.py) and pooled HTTP connections (http_reuse.py), which
the tracker store installs when the server starts. Nothing happens at import; the gateway never imports it."""
