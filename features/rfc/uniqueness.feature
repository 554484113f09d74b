Feature: Uniqueness of userName (RFC 7644 §3.3, §3.12; RFC 7643 §4.1.1)

  @P-UNIQ-01 @must @okta
  Scenario: creating a user with an existing userName is a 409 uniqueness error
    Given a user exists
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}"}
      """
    Then the response is a SCIM error with status 409 and scimType "uniqueness" as RFC 7644 §3.3 requires

  @P-UNIQ-02 @must
  Scenario: userName uniqueness ignores case
    Given a user exists
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName|upper}}"}
      """
    Then the response is a SCIM error with status 409 and scimType "uniqueness" as RFC 7644 §3.3 requires

  # rfc-requirements.md §22 A15: PRECIS (Unicode-aware) case folding, probed at SHOULD level.
  @P-UNIQ-02 @should
  Scenario: userName uniqueness ignores case beyond ASCII
    Given a user exists with userName "{{prefix}}élise-{{random}}"
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName|upper}}"}
      """
    Then the response is a SCIM error with status 409 and scimType "uniqueness"

  @P-UNIQ-03 @must
  Scenario: a PUT that would duplicate a userName fails with uniqueness
    Given a user "user A" exists
    And a user "user B" exists
    When I PUT "/Users/{{user B.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user A.userName}}"}
      """
    Then the response is a uniqueness error, 409 preferred over 400

  @P-UNIQ-04 @must @entra
  Scenario: a PATCH that would duplicate a userName fails with uniqueness
    Given the server supports patch
    And a user "user A" exists
    And a user "user B" exists
    When I PATCH "/Users/{{user B.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "userName", "value": "{{user A.userName}}"}]}
      """
    Then the response is a uniqueness error, 409 preferred over 400

  @P-UNIQ-05 @should
  Scenario: a deleted user does not block re-creating its userName
    Given a user exists
    And the user was deleted
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}"}
      """
    Then the response status is 201

  @P-UNIQ-06 @may
  Scenario: a duplicate externalId may be accepted or refused
    Given a user exists
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "externalId": "{{user.externalId}}"}
      """
    Then the user was created with the externalId of "user", or refused as a uniqueness conflict

  @P-UNIQ-07 @must @okta
  Scenario: re-submitting a user's own userName is not a conflict
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "displayName": "{{prefix}}Same Name"}
      """
    Then the response status is 200

  @P-UNIQ-07 @must @okta
  Scenario: changing only the case of a user's own userName is not a conflict
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName|upper}}"}
      """
    Then the response status is 200
