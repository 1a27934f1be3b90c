; Module dependencies: ES imports, re-exports, require() and dynamic import().

(import_statement
  source: (string (string_fragment) @_module)) @import

(export_statement
  source: (string (string_fragment) @_module)) @reexport

(call_expression
  function: (identifier) @_function
  arguments: (arguments . (string (string_fragment) @_module) .)
  (#eq? @_function "require")) @require

(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @_module))) @dynamic_import
