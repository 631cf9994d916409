from clysm.cli import entry_point

entry_point()
