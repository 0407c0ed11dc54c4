"""The clean stage: the noise rules in their order, and the sanitiser. An article in, a clean article out."""
