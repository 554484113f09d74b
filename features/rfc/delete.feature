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

  # RFC 7643 §2.3.7 leaves referential integrity to the service provider, so the catalogue lists P-DEL-07 as a MAY.
  # Graded SHOULD here: a group still listing a user that no longer exists holds a dangling reference (GET of the
  # member's $ref answers 404, IdPs reconciling membership see a ghost), and three independent SCIM server projects
  # fixed exactly this as a bug. Keeping it is reported, never a MUST failure.
  @P-DEL-07 @should
  Scenario: a deleted user is no longer listed as a member of its groups
    Given a user "leaver" exists
    And a user "stayer" exists
    And a group exists with members "leaver, stayer"
    When I DELETE "/Users/{{leaver.id}}"
    Then the response status is 204
    And the group "group" now lists exactly the members "stayer"

  @P-DEL-07 @should
  Scenario: a deleted user leaves every group it belonged to
    Given a user "leaver" exists
    And a group "group A" exists with members "leaver"
    And a group "group B" exists with members "leaver"
    When I DELETE "/Users/{{leaver.id}}"
    Then the response status is 204
    And the group "group A" now lists exactly the members "none"
    And the group "group B" now lists exactly the members "none"
