Feature: Retrieving resources with GET (RFC 7644 §3.4)

  @P-GET-01 @must @okta @entra @ping
  Scenario: GET on a known user returns it
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body is "user"

  @P-GET-01 @must @okta @entra @ping
  Scenario: GET on a known group returns it
    Given a group exists
    When I GET "/Groups/{{group.id}}"
    Then the response status is 200
    And the body is "group"

  @P-GET-02 @must @entra
  Scenario: GET on an unknown id is a 404 SCIM error
    When I GET "/Users/00000000-0000-4000-8000-{{runId}}0001"
    Then the response is a SCIM error with status 404

  @P-GET-03 @must
  Scenario: the id is the same on every read
    Given a user exists
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "id" is "{{user.id}}"
    And reading "user" back shows the body field "id" as "{{user.id}}"

  @P-GET-03 @must
  Scenario: the id survives an update
    Given a user exists
    When I PUT "/Users/{{user.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user.userName}}", "displayName": "Renamed {{runId}}"}
      """
    Then the response status is 200
    And the body field "id" is "{{user.id}}"

  @P-GET-04 @must
  Scenario: the default representation has id, userName and meta, never password
    Given a user exists with:
      """
      {"password": "Pw-{{runId}}-Secret1!"}
      """
    When I GET "/Users/{{user.id}}"
    Then the response status is 200
    And the body field "id" is present
    And the body field "userName" is present
    And the body field "meta" is present
    And the body field "password" is absent

  @P-GET-05 @must @okta @entra @ping
  Scenario: a collection query answers with the ListResponse URN
    When I GET "/Users?count=1"
    Then the response status is 200
    And the body field "schemas" lists "urn:ietf:params:scim:api:messages:2.0:ListResponse"

  @P-GET-06 @must @okta @entra
  Scenario: a ListResponse has totalResults and, when non-zero, Resources
    Given a user exists
    When I GET "/Users?count=2"
    Then the response is a ListResponse
    And the body field "Resources" is present

  @P-GET-07 @must @okta @entra
  Scenario: a query that matches nothing is a success with totalResults 0
    Given the server supports filter
    When I GET '/Users?filter=userName eq "{{prefix}}no-such-user-{{uuid}}"'
    Then the response status is 200
    And the list is empty

  @P-GET-08 @must @entra
  Scenario: every resource of a list has a non-empty id
    Given 2 users exist
    When I GET "/Users?count=5"
    Then the response is a ListResponse
    And every listed resource has a non-empty id

  @P-GET-09 @may
  Scenario: a query at the server root spans resource types or is refused cleanly
    Given a user exists
    When I GET '/?filter=userName eq "{{user.userName}}"'
    Then the root query lists "user", or is declined

  @P-GET-10 @must
  Scenario: in a root query a filter on an attribute a type lacks is false for that type
    Given a user exists
    And the server supports filter
    When I GET '/?filter=(meta.resourceType eq "Group") or (userName eq "{{user.userName}}")&count=200'
    Then the root query result holds "user" and otherwise only groups
