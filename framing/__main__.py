"""`python -m framing` runs the command line."""

from framing.cli import main

main()
