Feature: Groups in the product: read-only SCIM groups, built-in clashes, member pushes, refused deletes (PRV-11..15, INC-10)

  @PRV-11 @must
  Scenario: a group created over SCIM cannot be edited locally
    Given a tenant with settings:
      """
      {}
      """
    And in the tenant a provisioned group "engineering"
    Then a local rename of the group "engineering" is refused

  @PRV-12 @must
  Scenario: pushing a group named like a built-in group is a 409 uniqueness conflict naming it
    Given a tenant with settings:
      """
      {}
      """
    And a built-in group "public" exists
    When the IdP pushes a group named like "public"
    Then the response is a SCIM error with status 409 and scimType "uniqueness"
    And the error detail names "public"

  @PRV-12 @must
  Scenario: pushing a group named like a manually created group is a 409 uniqueness conflict
    Given a tenant with settings:
      """
      {}
      """
    And a manually created group "finance" exists
    When the IdP pushes a group named like "finance"
    Then the response is a SCIM error with status 409 and scimType "uniqueness"
    And the error detail names "finance"

  @PRV-13 @must @okta
  Scenario: a pushed group arrives without members; membership follows by PATCH add, remove and replace
    Given a user "alice" exists
    And a user "bob" exists
    When I POST to "/Groups" with:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "{{prefix}}push-{{random}}"}
      """
    Then the response status is 201
    And the body field "members" is absent
    And I remember the body as "pushed"
    And after PATCH add of "alice, bob" the group "pushed" has exactly the members "alice, bob"
    And after PATCH remove of "alice" by value filter the group "pushed" has exactly the members "bob"
    And after PATCH replace with "alice" the group "pushed" has exactly the members "alice"

  @PRV-14 @must
  Scenario Outline: users can be filtered with eq on <attribute>
    Given the server supports filter
    And a user "alice" exists
    And a user "bob" exists
    When I GET '/Users?filter=<attribute> eq "{{alice.<attribute>}}"&count=200'
    Then the response status is 200
    And the list holds "alice"
    And the list does not hold "bob"

    Examples:
      | attribute      |
      | userName       |
      | name.givenName |

  @PRV-14 @must
  Scenario: users can be filtered with eq on active
    Given the server supports filter
    And a user "alice" exists with:
      """
      {"active": false}
      """
    When I GET '/Users?filter=active eq false and userName eq "{{alice.userName}}"'
    Then the response status is 200
    And the list holds "alice"

  @PRV-14 @must
  Scenario: groups can be filtered with eq on displayName
    Given the server supports filter
    And a group "eng" exists
    When I GET '/Groups?filter=displayName eq "{{eng.displayName}}"'
    Then the response status is 200
    And the list holds exactly "eng"

  @PRV-14 @must
  Scenario: users are paged with startIndex and count
    Given 3 users exist
    When I GET "/Users?startIndex=2&count=1"
    Then the response status is 200
    And the body field "startIndex" equals:
      """
      2
      """
    And the body field "itemsPerPage" equals:
      """
      1
      """

  @PRV-15 @must
  Scenario: a tenant that does not delete groups over SCIM answers a SCIM error, not a silent success
    Given a tenant with settings:
      """
      {"refuseGroupDelete": true}
      """
    And in the tenant a provisioned group "engineering"
    When the IdP deletes the group "engineering"
    Then the response is a refusal: a SCIM error with status 403 or 405
    And in the tenant a GET of "/Groups/{{engineering.id}}" answers 200

  @INC-10 @must @pingone
  Scenario: without SCIM groups for the provider, users are still provisioned
    Given a tenant whose connection serves "pingone" with settings:
      """
      {"groupsEnabled": false, "defaultRoles": ["member"]}
      """
    When the IdP creates a user "alice"
    Then the response status is 201
    And the local user "alice" has roles ["member"]
