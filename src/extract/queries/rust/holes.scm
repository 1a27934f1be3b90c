(line_comment) @comment
(block_comment) @comment
(macro_invocation macro: (identifier) @_macro (#eq? @_macro "todo")) @todo_macro
(macro_invocation macro: (identifier) @_macro (#eq? @_macro "unimplemented")) @unimplemented_macro
