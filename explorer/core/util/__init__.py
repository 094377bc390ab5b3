"""Small utilities the other core packages share: clean text (``sanitize``), atomic writes
and file locks (``atomic``), a safe YAML reader with positions (``yamlsafe``) and pausing
the garbage collector while building big structures (``gcpause``)."""
