Feature: Replacing resources with PUT (RFC 7644 §3.5.1)

  Okta and PingFederate update users by reading them, changing what moved and PUTting the whole resource back:
  "I PUT ... back with the changes" does that (without the readOnly id, meta and groups, which P-PUT-03 echoes
  on purpose).

  @P-PUT-01 @must @okta @ping
  Scenario: PUT replaces the resource and answers 200 with it
    Given a user exists
    When I PUT "user" back with the changes:
      """
      {"name": {"givenName": "Changed"}}
      """
    Then the response status is 200
    And the body field "id" is "{{user.id}}"
    And the resource now shows "name.givenName" as "Changed"
    And the resource now shows "name.familyName" as "{{user.name.familyName}}"
    And the resource now shows "userName" as "{{user.userName}}"

  @P-PUT-02 @must @okta
  Scenario: supplied multi-valued attributes replace the existing values
    Given a user exists with:
      """
      {"emails": [{"value": "{{prefix}}old-work@example.com", "type": "work", "primary": true}, {"value": "{{prefix}}old-home@example.com", "type": "home"}]}
      """
    When I PUT "user" back with the changes:
      """
      {"emails": [{"value": "{{prefix}}new@example.com", "type": "work"}]}
      """
    Then the response status is 200
    And the resource now has 1 "emails" value
    And the resource now has a "emails" value with:
      """
      {"value": "{{prefix}}new@example.com", "type": "work"}
      """

  # rfc-requirements.md §22 A11: ignoring is preferred; 400 mutability is accepted with a warning.
  @P-PUT-03 @S-RES-08 @must @okta
  Scenario: readOnly values in a PUT body are ignored
    Given a group exists
    And a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "{{user.id}}", "userName": "{{user.userName}}",
       "meta": {"resourceType": "User", "created": "2000-01-01T00:00:00Z"},
       "groups": [{"value": "{{group.id}}"}]}
      """
    Then the PUT succeeded, or was refused with mutability and a warning
    And reading "user" back shows the body field "meta.created" as "{{user.meta.created}}"
    And the user "user" is not a member of "group"

  # rfc-requirements.md §22 A19: runs only when the target declares an immutable attribute a user can carry.
  @P-PUT-04 @should
  Scenario: changing an immutable value that is already set is refused with mutability
    Given the published User schemas declare an immutable string attribute
    And a user exists with the immutable attribute set to "{{prefix}}first"
    When I PUT the user with the immutable attribute set to "{{prefix}}second"
    Then the response is a SCIM error with status 400 and scimType "mutability"
    And reading the user back shows the immutable attribute as "{{prefix}}first"

  @P-PUT-05 @must
  Scenario: an immutable attribute without a value may be set by PUT
    Given the published User schemas declare an immutable string attribute
    And a user exists without the immutable attribute
    When I PUT the user with the immutable attribute set to "{{prefix}}set-later"
    Then the response status is 200
    And reading the user back shows the immutable attribute as "{{prefix}}set-later"

  # Group members.value is immutable in RFC 7643 §4.2: an empty group may still get members by PUT.
  @P-PUT-05 @P-PUT-09 @must @okta
  Scenario: PUT gives an empty group its members
    Given a user exists
    And a group exists
    When I PUT "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{group.displayName}}", "members": [{"value": "{{user.id}}"}]}
      """
    Then the response status is 200
    And the resource now has exactly the members "user"

  @P-PUT-06 @may @okta
  Scenario: an omitted readWrite attribute is cleared by PUT (or kept, which the RFC allows)
    Given a writable string attribute of User
    And a user exists with:
      """
      {"{{attribute.name}}": "Omitted Later"}
      """
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}"}
      """
    Then the omitted "{{attribute.name}}" is cleared, or kept with a warning

  @P-PUT-07 @should
  Scenario: a PUT without the required userName is refused with invalidValue
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "{{prefix}}No userName"}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidValue"
    And "user" is unchanged

  @P-PUT-08 @must
  Scenario: PUT keeps id and meta.created and moves meta.lastModified
    Given a user exists
    When I PUT "user" back with the changes:
      """
      {"displayName": "Modified {{random}}"}
      """
    Then the response status is 200
    And the body field "id" is the same as in "user"
    And the body field "meta.created" is the same as in "user"
    And meta.lastModified is later than meta.created
    And the resource now shows "meta.created" as "{{user.meta.created}}"

  @P-PUT-09 @must @okta
  Scenario: PUT on a group replaces its member list
    Given a user "user A" exists
    And a user "user B" exists
    And a group exists with members "user A"
    When I PUT "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{group.displayName}}", "members": [{"value": "{{user B.id}}"}]}
      """
    Then the response status is 200
    And the resource now has exactly the members "user B"

  @P-PUT-10 @should
  Scenario: malformed JSON in a PUT is refused with invalidSyntax
    Given a user exists
    When I PUT "/Users/{{user.id}}" with the raw body:
      """
      {"schemas": [
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax"
    And "user" is unchanged

  @P-PUT-11 @must
  Scenario: PUT of an unknown id answers 404
    When I PUT "/Users/00000000-0000-4000-8000-{{runId}}0411" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response is a SCIM error with status 404
