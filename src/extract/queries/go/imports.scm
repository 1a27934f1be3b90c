(import_spec path: (_) @_path) @import
