"""Code that runs inside the Rasa server: the multi-script tokenizer and the forgetting tracker store."""
