(line_comment) @comment
(block_comment) @comment

; throw new UnsupportedOperationException("Not implemented ..."): the code checks the message.
(throw_statement
  (object_creation_expression
    type: (type_identifier) @_type
    arguments: (argument_list . (string_literal) @_message))
  (#eq? @_type "UnsupportedOperationException")) @not_implemented
