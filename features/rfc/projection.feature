Feature: Attribute projection with attributes and excludedAttributes (RFC 7644 §3.4.2.5, §3.9, §3.10)

  @P-PROJ-01 @must
  Scenario: attributes replaces the default set
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=userName"
    Then the response status is 200
    And the body field "id" is present
    And the body field "userName" is present
    And the body fields "name, emails, meta, displayName" are absent

  @P-PROJ-02 @must
  Scenario: returned-always id comes back whatever attributes says
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=displayName"
    Then the response status is 200
    And the body field "id" is "{{user.id}}"

  @P-PROJ-03 @must
  Scenario: excludedAttributes removes attributes from the default set
    Given a user exists
    When I GET "/Users/{{user.id}}?excludedAttributes=emails,name"
    Then the response status is 200
    And the body fields "emails, name" are absent
    And the body field "userName" is present

  @P-PROJ-04 @must
  Scenario: excludedAttributes cannot remove id
    Given a user exists
    When I GET "/Users/{{user.id}}?excludedAttributes=id"
    Then the response status is 200
    And the body field "id" is "{{user.id}}"

  @P-PROJ-05 @must @okta
  Scenario: password is not returned even when asked for
    Given a user exists with:
      """
      {"password": "Pw-{{runId}}-Secret1!"}
      """
    When I GET "/Users/{{user.id}}?attributes=password"
    Then the response status is 200
    And the body field "password" is absent

  @P-PROJ-05 @must @okta
  Scenario: password is not returned in list responses
    Given a user exists with:
      """
      {"password": "Pw-{{runId}}-Secret1!"}
      """
    And the server supports filter
    When I GET '/Users?filter=userName eq "{{user.userName}}"&attributes=userName,password'
    Then the response is a ListResponse
    And the list holds exactly that user
    And no listed resource has the attribute "password"

  @P-PROJ-05 @must @okta
  Scenario: password is not returned in a PUT response
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "password": "Pw-{{runId}}-Other2!"}
      """
    Then the response status is 200
    And the body field "password" is absent

  @P-PROJ-06 @must
  Scenario: a sub-attribute is projected with dotted notation
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=name.givenName"
    Then the response status is 200
    And the body field "name" has only the attributes "givenName"
    And the body field "emails" is absent

  @P-PROJ-07 @must
  Scenario: a URN-qualified core attribute name is accepted
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=urn:ietf:params:scim:schemas:core:2.0:User:userName"
    Then the response status is 200
    And the body field "userName" is "{{user.userName}}"
    And the body fields "name, emails" are absent

  @P-PROJ-07 @must
  Scenario: a URN-qualified extension attribute returns just that attribute
    Given the server supports the enterprise extension
    And a user exists with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "4711", "department": "Ops"}}
      """
    When I GET "/Users/{{user.id}}?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"
    Then the response status is 200
    And the body field "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" has only the attributes "employeeNumber"
    And the body fields "userName, name" are absent

  @P-PROJ-08 @must
  Scenario: attribute names in projection parameters are case-insensitive
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=USERNAME"
    Then the response status is 200
    And the body field "userName" is "{{user.userName}}"
    And the body fields "name, emails" are absent

  @P-PROJ-09 @must
  Scenario: projection applies to every resource of a list
    Given 2 users exist
    When I GET "/Users?count=10&attributes=userName"
    Then the response is a ListResponse
    And every listed resource has only the attributes "id, userName, schemas"

  @P-PROJ-10 @must @entra
  Scenario: excludedAttributes=members omits the member list of a group
    Given a user exists
    And a group exists with members "user"
    When I GET "/Groups/{{group.id}}?excludedAttributes=members"
    Then the response status is 200
    And the body field "members" is absent
    And the body field "displayName" is present

  @P-PROJ-10 @must @entra
  Scenario: excludedAttributes=members also applies to a filtered group list
    Given the server supports filter
    And a user exists
    And a group exists with members "user"
    When I GET '/Groups?excludedAttributes=members&filter=displayName eq "{{group.displayName}}"'
    Then the response status is 200
    And the list holds exactly "group"
    And no listed resource has the attribute "members"

  @P-PROJ-11 @must
  Scenario: projection applies to the resource returned by POST
    When I POST to "/Users?attributes=userName" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{random}}", "name": {"givenName": "Pro", "familyName": "Jection"}}
      """
    Then the response status is 201
    And the body has only the attributes "id, userName, schemas"

  @P-PROJ-12 @must
  Scenario: a returned-request attribute is absent from the default representation
    Given the published schemas declare a writable string attribute returned "request"
    And a user exists with a value for that attribute
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the returned-request attribute is absent

  @P-PROJ-12 @must
  Scenario: a returned-request attribute comes back when asked for
    Given the published schemas declare a writable string attribute returned "request"
    And a user exists with a value for that attribute
    When I GET the user asking for that attribute
    Then the response status is 200
    And the returned-request attribute is present

  @P-PROJ-13 @may
  Scenario: attributes together with excludedAttributes is answered cleanly
    Given a user exists
    When I GET "/Users/{{user.id}}?attributes=userName&excludedAttributes=emails"
    Then the user came back with userName and without emails, or the combination was refused with 400
