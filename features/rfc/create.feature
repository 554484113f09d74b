Feature: Resource creation with POST (RFC 7644 §3.3, RFC 7643 §3.1)

  @P-CREATE-01 @must @okta @entra @ping
  Scenario: a successful create answers 201 Created
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201

  @P-CREATE-02 @must
  Scenario: the 201 carries a Location header with the URI of the new resource
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the Location header is the URL of the created resource

  @P-CREATE-03 @must
  Scenario: meta.location in the body equals the Location header
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the Location header equals the body's meta.location

  @P-CREATE-04 @should @okta @entra
  Scenario: the 201 body is the full representation of the new resource
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}",
       "name": {"givenName": "Barbara", "familyName": "Jensen"},
       "emails": [{"value": "{{prefix}}bjensen@example.com", "type": "work"}]}
      """
    Then the response status is 201
    And the body field "id" is a non-empty string
    And the body field "name.givenName" is "Barbara"
    And the body field "name.familyName" is "Jensen"
    And the body field "emails.0.value" is "{{prefix}}bjensen@example.com"

  @P-CREATE-05 @must @entra
  Scenario: the server assigns a non-empty id that can be read back
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the body field "id" is a non-empty string
    And reading the resource back answers 200

  @P-CREATE-06 @must
  Scenario: a client-supplied id is ignored
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "id": "client-chosen-123"}
      """
    Then the response status is 201
    And the body field "id" is not "client-chosen-123"

  @P-CREATE-07 @S-RES-08 @must @okta @entra
  Scenario: a client-supplied meta.created is ignored
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}",
       "meta": {"resourceType": "User", "created": "2000-01-01T00:00:00Z", "lastModified": "2000-01-01T00:00:00Z"}}
      """
    Then the response status is 201
    And the body field "meta.created" is later than 2000

  @P-CREATE-07 @must @okta @entra
  Scenario: groups sent on a user create are ignored (readOnly)
    Given the server publishes the "groups" attribute of User
    And a group exists
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "groups": [{"value": "{{group.id}}"}]}
      """
    Then the response status is 201
    And the user "created" is not a member of "group"

  @P-CREATE-08 @must
  Scenario: meta.resourceType of a created user is "User"
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the body field "meta.resourceType" is "User"

  @P-CREATE-08 @must
  Scenario: meta.resourceType of a created group is "Group"
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}"}
      """
    Then the response status is 201
    And the body field "meta.resourceType" is "Group"

  @P-CREATE-09 @P-CREATE-10 @must
  Scenario: meta.created and meta.lastModified are equal DateTimes on a fresh resource
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the body field "meta.created" is a DateTime
    And the body field "meta.lastModified" is a DateTime
    And the body fields "meta.created" and "meta.lastModified" are the same instant

  @P-CREATE-11 @must
  Scenario: a user without userName is refused with invalidValue
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "name": {"givenName": "No", "familyName": "Username"}}
      """
    Then the response is a SCIM client error, preferably 400, with scimType "invalidValue"

  @P-CREATE-12 @S-ATTR-06 @must @okta @entra
  Scenario: externalId is stored exactly as sent
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "externalId": "{{prefix}}AbC-9"}
      """
    Then the response status is 201
    And the body field "externalId" is "{{prefix}}AbC-9"
    And reading the resource back shows the body field "externalId" as "{{prefix}}AbC-9"

  @P-CREATE-12 @must @okta @entra
  Scenario: the server never invents an externalId
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}"}
      """
    Then the response status is 201
    And the body field "externalId" is absent

  @P-CREATE-13 @must @okta @entra @ping
  Scenario: a group can be created
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{random}}", "members": []}
      """
    Then the response status is 201
    And the body field "displayName" is present

  @P-CREATE-13 @must @okta @entra @ping
  Scenario: a group without displayName is refused with invalidValue
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "members": []}
      """
    Then the response is a SCIM client error, preferably 400, with scimType "invalidValue"

  @P-CREATE-14 @S-ENT-01 @must @entra
  Scenario: enterprise extension attributes are stored under the extension URN
    Given the server supports the enterprise extension
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "userName": "{{random}}",
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "42", "department": "R&D"}}
      """
    Then the response status is 201
    And the body lists schema "enterprise"
    And reading the resource back shows the body field "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber" as "42"
    And reading the resource back shows the body field "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" as "R&D"

  @P-CREATE-15 @must @ping
  Scenario: active false at creation is stored as the boolean false
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "active": false}
      """
    Then the response status is 201
    And the body field "active" is the boolean false

  @P-CREATE-16 @must @entra
  Scenario: null and empty arrays in a create body mean unassigned
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "addresses": null, "title": null, "roles": []}
      """
    Then the response status is 201
    And the body fields "addresses, title, roles" are absent

  @P-CREATE-17 @P-PROJ-05 @must @okta
  Scenario: a password can be set on create and is not returned
    Given the server publishes the "password" attribute of User
    When I POST to "/Users" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "password": "Xy!23456789-{{runId}}"}
      """
    Then the response status is 201
    And the body field "password" is absent
