; import a.b, c as d: one match per imported module.
(import_statement name: (dotted_name) @import.module) @import
(import_statement name: (aliased_import name: (dotted_name) @import.module)) @import

; from a.b import x, y as z / from . import x / from .. import *
(import_from_statement
  module_name: [(dotted_name) (relative_import)] @import_from.module) @import_from

(future_import_statement) @future_import
