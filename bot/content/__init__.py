"""What users read: locales, the helpline directory, the renderer, the NLG endpoint and the operators' checks."""
