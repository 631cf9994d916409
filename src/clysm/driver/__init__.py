"""The compiler driver: the runtime module (compiled once, cached), program
modules compiled against it, and running or packaging the result."""
