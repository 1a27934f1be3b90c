; @Test, @ParameterizedTest, ... methods.
(method_declaration
  (modifiers [(marker_annotation name: (identifier) @_annotation) (annotation name: (identifier) @_annotation)])
  (#any-of? @_annotation "Test" "ParameterizedTest" "RepeatedTest" "TestFactory" "TestTemplate")) @test_method

; assertEquals(...) and the other JUnit assertions; assertThat(...) from AssertJ or Hamcrest.
(method_invocation
  name: (identifier) @_name
  (#match? @_name "^assert(Equals|NotEquals|True|False|Null|NotNull|Same|NotSame|Throws|DoesNotThrow|ArrayEquals|IterableEquals|LinesMatch|Timeout|All|InstanceOf)$")) @junit_assertion
(method_invocation name: (identifier) @_name (#eq? @_name "assertThat")) @fluent_assertion
