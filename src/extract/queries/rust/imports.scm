(use_declaration argument: (_) @_argument) @use
(extern_crate_declaration name: (identifier) @_name) @extern_crate
