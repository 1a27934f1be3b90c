(comment) @comment

(raise_statement
  . [(identifier) @not_implemented.type
     (call function: (identifier) @not_implemented.type)]
  (#eq? @not_implemented.type "NotImplementedError")) @not_implemented

; Bodies that are only `...` or only `pass` (a docstring may come first): checked in code.
(function_definition body: (block (expression_statement (ellipsis)) @ellipsis_body))
(function_definition body: (block (pass_statement) @pass_body))
