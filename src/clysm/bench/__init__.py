"""`clysm bench`: the benchmark suite (bench/programs) run under clysm in
every mode and under the reference Common Lisp implementations.

    suite.py     finding the benchmark programs and their sizes
    process.py   running one child process: wall time, CPU time, peak memory
    runners.py   one runner per implementation and mode (prepare, then run)
    stats.py     medians and geometric means
    session.py   running the suite: every benchmark in every mode
    extras.py    start-up time, module sizes, compile throughput
    report.py    the text table and the JSON file
    chart.py     the SVG chart of the ratios to SBCL
    jit.py       `clysm bench jit`: promotion latency and Tier 2 speed-up
    main.py      the command's options and its flow
"""
