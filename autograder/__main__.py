"""Allow `python -m autograder`."""
from autograder.cli.app import main

main()
