Feature: What Okta sends as a SCIM 2.0 client (rfc-requirements.md §20, idp-behaviours.md §1)

  Requests are replayed the way Okta's OIN and AIW integrations send them. These are not RFC requirements:
  a server can be RFC-conformant and still break Okta provisioning.

  @X-OKTA-01 @must @okta
  Scenario: Okta's lookup before create finds an existing user
    Given a user exists
    When I GET "/Users?filter=userName%20eq%20%22{{user.userName}}%22&startIndex=1&count=100"
    Then the response is a ListResponse
    And the list holds exactly that user
    And the body field "totalResults" equals:
      """
      1
      """

  @X-OKTA-01 @must @okta
  Scenario: Okta's lookup before create of an unknown userName answers an empty list
    Given a fresh userName "newcomer"
    When I GET "/Users?filter=userName%20eq%20%22{{newcomer.userName}}%22&startIndex=1&count=100"
    Then the response is an empty ListResponse, or a 404 SCIM error with a warning

  @X-OKTA-02 @must @okta
  Scenario: Okta deactivates with a path-less replace of active, and the user stays readable
    Given the server supports patch
    And a user exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"active": false}}]}
      """
    Then the PATCH succeeded
    And the resource now shows "active" as the boolean false
    And the resource now shows "userName" as "{{user.userName}}"

  @X-OKTA-02 @must @okta
  Scenario: a user Okta deactivated is still found by its userName
    Given the server supports patch
    And a user exists
    And "user" was patched with the operations:
      """
      [{"op": "replace", "value": {"active": false}}]
      """
    When I GET "/Users?filter=userName%20eq%20%22{{user.userName}}%22&startIndex=1&count=100"
    Then the response is a ListResponse
    And the list holds exactly that user
    And the body field "Resources.0.active" is the boolean false

  @X-OKTA-02 @must @okta
  Scenario: Okta reactivates with the same path-less replace
    Given the server supports patch
    And a user exists with:
      """
      {"active": false}
      """
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"active": true}}]}
      """
    Then the PATCH succeeded
    And the resource now shows "active" as the boolean true

  @X-OKTA-03 @must @okta
  Scenario: Okta's group rename repeats the group's own id in the value
    Given the server supports patch
    And a group exists
    When I PATCH "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"id": "{{group.id}}", "displayName": "{{group.displayName}}-renamed"}}]}
      """
    Then the PATCH succeeded
    And the resource now shows "displayName" as "{{group.displayName}}-renamed"
    And the resource now shows "id" as "{{group.id}}"

  @X-OKTA-03 @must @okta
  Scenario: Okta's membership push: remove one member and add others in one PATCH, with the rename
    Given the server supports patch
    And a user "user A" exists
    And a user "user B" exists
    And a user "user C" exists
    And a group exists with members "user A, user B"
    When I PATCH "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "remove", "path": "members[value eq \"{{user A.id}}\"]"},
         {"op": "add", "path": "members", "value": [{"value": "{{user C.id}}", "display": "{{user C.userName}}"}]},
         {"op": "replace", "value": {"id": "{{group.id}}", "displayName": "{{group.displayName}}"}}]}
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "user B, user C"
    And the resource now shows "displayName" as "{{group.displayName}}"

  @X-OKTA-04 @must @okta
  Scenario: import pages list users in the same order whatever the page size
    Given the server supports filter
    And 5 users exist
    When I page through this scenario's Users with count 2 and again with count 3
    Then both walks list "user 1, user 2, user 3, user 4, user 5" once each, in the same order

  @X-OKTA-05 @must @okta
  Scenario: Okta's create with password, empty groups and externalId answers 201 with the user
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{{random}}@acme.test",
       "name": {"givenName": "Maria", "familyName": "Lopez"},
       "emails": [{"primary": true, "value": "{{prefix}}maria.lopez@acme.test", "type": "work"}],
       "displayName": "{{prefix}}Maria Lopez",
       "locale": "en-US",
       "externalId": "{{prefix}}00uAbCdEf123456789x7",
       "groups": [],
       "password": "tmpQ7x1k9z",
       "active": true}
      """
    Then the response status is 201
    And the body field "id" is a non-empty string
    And the body field "userName" is present
    And the body field "name.familyName" is "Lopez"
    And the body field "externalId" is "{{prefix}}00uAbCdEf123456789x7"
    And the body field "active" is the boolean true
    And the body field "password" is absent

  # AIW integrations update with GET then PUT of the whole object, echoing id, meta and groups.
  @P-PUT-01 @P-PUT-03 @must @okta
  Scenario: Okta AIW's PUT echoing id, meta and an empty groups list updates the user
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "id": "{{user.id}}",
       "userName": "{{user.userName}}",
       "name": {"givenName": "Maria", "middleName": "", "familyName": "Lopez-Ruiz"},
       "emails": [{"primary": true, "value": "{{user.emails.0.value}}", "type": "work"}],
       "displayName": "{{prefix}}Maria Lopez-Ruiz",
       "locale": "en-US",
       "externalId": "{{user.externalId}}",
       "title": "Account Executive",
       "active": true,
       "groups": [],
       "meta": {"resourceType": "User"}}
      """
    Then the response status is 200
    And the resource now shows "name.familyName" as "Lopez-Ruiz"
    And the resource now shows "title" as "Account Executive"
