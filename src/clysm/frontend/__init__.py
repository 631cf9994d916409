"""The compiler front end: Lisp forms to the IR of ir.py, and the host evaluator.

Entry points:
  convert.Converter(image).convert(form, env)   one form to IR
  toplevel.process_toplevel(form, env)          COMPILE-FILE processing of one form
  toplevel.process_source(text, image)          ... of every form of a source text
  analyze.analyze(node)                         annotations the back end relies on
  host_env.HostEnv.standard()                   a fresh compile-time image (kernel loaded)
  host_load.load_source(text, image)            LOAD Lisp source into an image
"""
