(comment) @comment

; panic("TODO ...") / panic("not implemented"): the code checks the message.
(call_expression
  function: (identifier) @_function
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @_message .)
  (#eq? @_function "panic")) @panic_todo
