Feature: Deleting resources (RFC 7644 §3.6)

  @P-DEL-01 @must @entra @ping
  Scenario: a successful DELETE answers 204 with no body
    Given a user exists
    When I DELETE "/Users/{{user.id}}"
    Then the response status is 204
    And the response has no body

  @P-DEL-02 @must
  Scenario: a deleted user is gone for GET
    Given a user exists
    And the user was deleted
    When I GET "/Users/{{user.id}}"
    Then the response is a SCIM error with status 404

  @P-DEL-03 @must
  Scenario: a deleted user cannot be replaced
    Given a user exists
    And the user was deleted
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}"}
      """
    Then the response is a SCIM error with status 404

  @P-DEL-03 @must
  Scenario: a deleted user cannot be patched
    Given the server supports patch
    And a user exists
    And the user was deleted
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response is a SCIM error with status 404

  @P-DEL-03 @must
  Scenario: a deleted user cannot be deleted again
    Given a user exists
    And the user was deleted
    When I DELETE "/Users/{{user.id}}"
    Then the response is a SCIM error with status 404

  @P-DEL-04 @must
  Scenario: a deleted user disappears from query results
    Given the server supports filter
    And a user exists
    And the user was deleted
    When I GET '/Users?filter=userName eq "{{user.userName}}"'
    Then the response status is 200
    And the list is empty

  @P-DEL-05 @must @okta @entra @ping
  Scenario: deleting a group leaves its members in place
    Given a user exists
    And a group exists with members "user"
    When I DELETE "/Groups/{{group.id}}"
    Then the response status is 204
    And reading "user" back answers 200
    And reading "group" back answers 404

  @P-DEL-06 @must
  Scenario: DELETE of an unknown id is a 404 SCIM error
    When I DELETE "/Users/00000000-0000-4000-8000-{{runId}}0002"
    Then the response is a SCIM error with status 404

  @P-DEL-07 @may
  Scenario: deleting a user may or may not remove it from its groups
    Given a user exists
    And a group exists with members "user"
    When I DELETE "/Users/{{user.id}}"
    Then the response status is 204
    And the group "group" still listing the deleted user is only recorded
