Feature: Error responses and the protocol version (RFC 7644 §3.12, §3.13)

  @P-ERR-01 @P-ERR-02 @P-ERR-03 @must @okta @entra
  Scenario: an error body carries the Error URN, the status as a string and RFC keywords
    When I GET "/Users/00000000-0000-4000-8000-{{runId}}0003"
    Then the response is a SCIM error with status 404
    And the error's scimType, if any, is a keyword of RFC 7644 and detail is a string

  @P-ERR-03 @must
  Scenario: a 400 error uses an RFC 7644 scimType keyword
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}
      """
    Then the response is a SCIM client error, preferably 400
    And the error's scimType, if any, is a keyword of RFC 7644 and detail is a string

  @P-ERR-04 @P-ERR-09 @should
  Scenario: an unparsable body is a 400 invalidSyntax error
    When I POST to "/Users" with the raw body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName":
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"

  @P-ERR-05 @should
  Scenario: a wrongly typed userName is a 400 invalidValue error
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": 123}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidValue"

  @P-ERR-05 @should
  Scenario: a non-boolean active is a 400 invalidValue error
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "active": "yes"}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidValue"

  @P-ERR-06 @must
  Scenario: an unsupported protocol version is refused with invalidVers
    Given the target URL ends with a v2 version segment
    When I GET "/Users" under protocol version v3
    Then the response is an invalidVers error, or a 404 with a warning

  @P-ERR-07 @should
  Scenario: PATCH on a server without PATCH support answers 501
    Given the server does not support patch
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response status is 501, or 404 or 405 with a warning

  @P-ERR-08 @should
  Scenario: a 404 error is labelled application/scim+json
    When I GET "/Users/00000000-0000-4000-8000-{{runId}}0004"
    Then the response status is 404
    And the response header "Content-Type" starts with "application/scim+json"

  @P-ERR-08 @should
  Scenario: a 400 error is labelled application/scim+json
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}
      """
    Then the response status is 400
    And the response header "Content-Type" starts with "application/scim+json"

  @P-ERR-08 @should
  Scenario: a 409 error is labelled application/scim+json
    Given a user exists
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}"}
      """
    Then the response status is 409
    And the response header "Content-Type" starts with "application/scim+json"

  @P-ERR-09 @should
  Scenario Outline: malformed input gives a 4xx, never a 5xx (<case>)
    When I POST to "/Users" with the raw body:
      """
      <body>
      """
    Then the response is not a server error: a SCIM client error, or an acceptance with a warning

    Examples:
      | case                 | body                                                                          |
      | a JSON array         | [{"userName": "x"}]                                                           |
      | a JSON string        | "just a string"                                                               |
      | schemas not an array | {"schemas": "urn:ietf:params:scim:schemas:core:2.0:User", "userName": "{{random}}"} |
      | name not an object   | {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "name": 7} |
      | emails not an array  | {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "emails": "a@b"} |

  @P-VERS-01 @may
  Scenario: a v2 segment before the endpoint selects SCIM 2.0
    Given the target URL has no version segment
    When I GET "/Users?count=1" under protocol version v2
    Then the response is a ListResponse

  @P-VERS-02 @should
  Scenario: without a version segment in the request the newest version answers
    When I GET "/Users?count=1"
    Then the response is a ListResponse
    And the body field "schemas" lists "urn:ietf:params:scim:api:messages:2.0:ListResponse"
