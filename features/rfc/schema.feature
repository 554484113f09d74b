Feature: Core schema rules (RFC 7643)

  @S-RES-01 @must
  Scenario: a returned user lists the User schema URN
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body lists schema "urn:ietf:params:scim:schemas:core:2.0:User"

  @S-RES-01 @must
  Scenario: a returned group lists the Group schema URN
    Given a group exists
    When I GET "/Groups/{{group.id}}"
    Then the response status is 200
    And the body lists schema "urn:ietf:params:scim:schemas:core:2.0:Group"

  @S-RES-02 @must
  Scenario: schemas holds only the resource type's URNs, without duplicates
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body's schemas has no duplicates and only URNs its ResourceType allows

  @S-RES-03 @should
  Scenario: a request body without schemas is refused
    When I POST to "/Users" with:
      """
      {"userName": "{{random}}"}
      """
    Then the response is a SCIM error with status 400 and scimType "invalidSyntax, invalidValue"

  @S-RES-04 @must
  Scenario: a body listing only an extension schema is refused
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], "userName": "{{random}}"}
      """
    Then the response is a SCIM client error, preferably 400

  @S-RES-05 @must
  Scenario: the order of schemas has no effect
    Given the server supports the enterprise extension
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "{{random}}", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"costCenter": "4130"}}
      """
    Then the response status is 201
    And reading the resource back shows the body field "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter" as "4130"

  @S-RES-06 @must
  Scenario: ids are unique across users and groups
    Given a user exists
    And a group exists
    When I GET "/Groups/{{group.id}}"
    Then the response status is 200
    And the body field "id" is not "{{user.id}}"

  @S-RES-07 @must
  Scenario: server-issued ids never contain the reserved string bulkId
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the body field "id" does not contain "bulkId"

  @S-RES-08 @must @entra @okta
  Scenario: client-supplied meta is ignored on replace
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}",
       "meta": {"resourceType": "Group", "created": "2001-01-01T00:00:00Z", "location": "https://example.com/elsewhere"}}
      """
    Then the response status is 200
    And the body field "meta.resourceType" is "User"
    And the body field "meta.created" is later than 2001
    And the body field "meta.location" is "{{user.meta.location}}"

  @S-RES-09 @must
  Scenario: meta.lastModified moves past meta.created on an update
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "displayName": "Updated {{random}}"}
      """
    Then the response status is 200
    And meta.lastModified is later than meta.created

  # A Group's member list is part of it (RFC 7643 §4.2): changing it, or deleting a member that then leaves the
  # group, modifies the group even where the server keeps membership apart from the group's own record.
  @S-RES-09 @must
  Scenario: a group's meta.lastModified moves when a member is added
    Given the server supports patch
    And a user "member" exists
    And a group exists
    When I PATCH "group" with the operations:
      """
      [{"op": "add", "path": "members", "value": [{"value": "{{member.id}}"}]}]
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "member"
    And meta.lastModified of "group" moved past the one it had

  @S-RES-09 @must
  Scenario: a group's meta.lastModified moves when a member is deleted and leaves it
    Given a user "leaver" exists
    And a user "stayer" exists
    And a group exists with members "leaver, stayer"
    When I DELETE "/Users/{{leaver.id}}"
    Then the response status is 204
    And if "group" no longer lists "leaver", its meta.lastModified moved past the one it had

  @S-RES-10 @must
  Scenario: meta.location is the resource's own URI
    Given a user exists
    When I GET "{{user.meta.location|url}}"
    Then the response status is 200
    And the body is "user"

  @S-ATTR-01 @must
  Scenario: attribute names in request bodies are case-insensitive
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "USERNAME": "{{random}}", "Name": {"GivenName": "Casey"}}
      """
    Then the response status is 201
    And reading the resource back shows the body field "name.givenName" as "Casey"
    And the body field "userName" is present

  @S-ATTR-02 @must @entra
  Scenario: replacing with null and [] unassigns attributes
    Given a writable string attribute of User
    And the server publishes the "phoneNumbers" attribute of User
    And a user exists with:
      """
      {"{{attribute.name}}": "{{prefix}}Nick", "phoneNumbers": [{"value": "+1-555-0100", "type": "work"}]}
      """
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "{{attribute.name}}": null, "phoneNumbers": []}
      """
    Then the response status is 200
    And the body fields "{{attribute.name}}, phoneNumbers" are absent

  @S-ATTR-03 @S-ATTR-04 @must
  Scenario: values use their JSON types: booleans, arrays of objects, objects
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "active" is the boolean true
    And the body field "emails" is an array of objects
    And the body field "name" is an object

  @S-ATTR-05 @must
  Scenario: at most one value of a multi-valued attribute is primary
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}",
       "emails": [{"value": "{{prefix}}a@example.com", "type": "work", "primary": true}, {"value": "{{prefix}}b@example.com", "type": "home", "primary": true}]}
      """
    Then at most one "emails" value is primary, or the request was refused with invalidValue

  @S-ATTR-07 @should
  Scenario: the same (type, value) pair is not returned twice
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}",
       "emails": [{"value": "{{prefix}}twice@example.com", "type": "work"}, {"value": "{{prefix}}twice@example.com", "type": "work"}]}
      """
    Then the "emails" value "{{prefix}}twice@example.com" of type "work" is listed once, or the request was refused

  @S-ATTR-08 @must
  Scenario: member $ref values, when given, resolve to the members
    Given a user exists
    And a group exists with members "user"
    When I GET "/Groups/{{group.id}}"
    Then the response status is 200
    And every member $ref of the group resolves to that member

  @S-ATTR-09 @may
  Scenario: binary values round-trip as base64
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "x509Certificates": [{"value": "TUlJREFEQ0NBZWlnQXdJQkFnSUJCVEFOQmdrcWhraUc5dzBC"}]}
      """
    Then the response status is 201
    And reading the resource back shows the body field "x509Certificates.0.value" as "TUlJREFEQ0NBZWlnQXdJQkFnSUJCVEFOQmdrcWhraUc5dzBC"

  @S-ATTR-10 @should
  Scenario: multi-valued values keep their canonical type
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "emails.0.type" is "work"

  @S-USER-01 @must
  Scenario: an empty userName is refused with invalidValue
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": ""}
      """
    Then the response is a SCIM client error, preferably 400, with scimType "invalidValue"

  @S-USER-02 @must
  Scenario: a user's groups reflect its group memberships
    Given the published User schema has a "groups" attribute
    And a user exists
    And a group exists with members "user"
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "groups" has a value "{{group.id}}"

  @S-USER-03 @must
  Scenario: membership cannot be changed through a user's groups
    Given the server supports patch
    And a user exists
    And a group exists
    When I PATCH "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "groups", "value": [{"value": "{{group.id}}"}]}]}
      """
    Then the response is a SCIM client error, preferably 400, with scimType "mutability"
    And the user "user" is not a member of "group"

  @S-USER-04 @must @okta @entra @ping
  Scenario: active false round-trips as a boolean
    Given a user exists with:
      """
      {"active": false}
      """
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "active" is the boolean false

  @S-USER-04 @must @okta @entra @ping
  Scenario: active set by PUT round-trips as a boolean
    Given a user exists with:
      """
      {"active": true}
      """
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "active": false}
      """
    Then the response status is 200
    And reading the resource back shows the body field "active" as the boolean false

  @S-USER-05 @should @okta @entra
  Scenario: emails, phoneNumbers and addresses round-trip with type and primary
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}",
       "emails": [{"value": "{{prefix}}work@example.com", "type": "work", "primary": true}, {"value": "{{prefix}}home@example.com", "type": "home"}],
       "phoneNumbers": [{"value": "+1-555-0101", "type": "work", "primary": true}],
       "addresses": [{"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "US", "primary": true}]}
      """
    Then the response status is 201
    And reading the resource back shows the body field "emails.0.type" as "work"
    And reading the resource back shows the body field "emails.1.value" as "{{prefix}}home@example.com"
    And reading the resource back shows the body field "phoneNumbers.0.type" as "work"
    And reading the resource back shows the body field "addresses.0.locality" as "Hollywood"
    And reading the resource back shows the body field "addresses.0.primary" as the boolean true

  @S-GROUP-01 @must
  Scenario: a group member holds the user's id; its type and $ref, when given, name the user
    Given a user exists
    And a group exists with members "user"
    When I GET "/Groups/{{group.id}}"
    Then the response status is 200
    And the member "user" of the group is described consistently

  @S-GROUP-02 @may
  Scenario: a group may or may not accept another group as member
    Given a group "inner" exists
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}", "members": [{"value": "{{inner.id}}", "type": "Group"}]}
      """
    Then the group was created with the member "{{inner.id}}", or refused with a SCIM error 400

  @S-GROUP-03 @may
  Scenario: a member pointing at nothing may be refused
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}", "members": [{"value": "00000000-0000-4000-8000-{{runId}}0005", "type": "User"}]}
      """
    Then the group was created with the member "00000000-0000-4000-8000-{{runId}}0005", or refused with a SCIM error 400

  @S-ENT-02 @must @entra
  Scenario: manager is a reference whose displayName the server owns
    Given the server supports the enterprise extension
    And a user "boss" exists
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], "userName": "{{random}}",
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "{{boss.id}}", "displayName": "{{prefix}}Client Says"}}}
      """
    Then the response status is 201
    And the body field "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value" is "{{boss.id}}"
    And the body field "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName" is not "{{prefix}}Client Says"

  @S-ENT-03 @must
  Scenario: a resource lacking a required extension is refused
    Given a ResourceType requires an extension
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response is a SCIM client error, preferably 400, with scimType "invalidValue"

  # One scenario per shape rule of the body validator (steps/shape.ts): elsewhere a shape defect is only a warning.
  @S-RES-01 @P-GET-08 @must
  Scenario: a created user has the RFC User shape
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "name": {"givenName": "Ada", "familyName": "Lovelace"}, "emails": [{"value": "{{random}}@example.com", "type": "work", "primary": true}]}
      """
    Then the response status is 201
    And the response body matches the "User" schema

  @S-RES-01 @P-GET-08 @must
  Scenario: a created group has the RFC Group shape
    Given a user exists
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}", "members": [{"value": "{{user.id}}"}]}
      """
    Then the response status is 201
    And the response body matches the "Group" schema

  @P-GET-05 @P-GET-06 @P-GET-08 @must
  Scenario: a list of users is an RFC ListResponse of RFC-shaped users
    Given a user exists
    When I GET "/Users?startIndex=1&count=2"
    Then the response status is 200
    And the response body matches the "ListResponse" schema

  @S-RES-01 @P-GET-08 @must
  Scenario: a projected user still carries schemas and id
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=displayName"
    Then the response status is 200
    And the response body matches the "User" schema
