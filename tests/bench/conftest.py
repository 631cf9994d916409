import sys
from pathlib import Path

# The program harness (SBCL as the oracle, running clysm programs) lives
# with the corpus tests.
sys.path.insert(0, str(Path(__file__).parent.parent / "programs"))
