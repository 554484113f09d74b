Feature: What PingFederate and PingOne send as SCIM clients (rfc-requirements.md §20, idp-behaviours.md §3)

  PingFederate updates users with PUT only, manages group membership with PATCH, looks groups up by listing
  them page by page, and deprovisions by disabling (active false) or deleting, as the admin chose. PingOne's
  matching filter is written by an admin, with whatever casing they typed.

  @X-PING-01 @P-FILTER-02 @P-FILTER-03 @must @ping @pingone
  Scenario: an admin-written filter with odd casing of the attribute and the operator matches
    Given the server supports filter
    And a user exists
    When I GET '/Users?filter=username Eq "{{user.userName}}"'
    Then the response is a ListResponse
    And the list holds exactly that user

  @X-PING-01 @P-FILTER-07 @must @ping @pingone
  Scenario: an admin-written filter with co matches every userName containing the value
    Given the server supports filter
    And a user "user A" exists
    And a user "user B" exists with:
      """
      {"userName": "{{user A.userName}}-second"}
      """
    When I GET '/Users?filter=userName co "{{user A.userName}}"'
    Then the response status is 200, or the server declines the operator with invalidFilter
    And the response is a ListResponse
    And the list holds exactly "user A, user B"

  @X-PING-02 @P-PUT-01 @must @ping
  Scenario: PingFederate updates a user with PUT of the whole user
    Given a user exists
    When I PUT "user" back with the changes:
      """
      {"title": "Field Engineer", "name": {"familyName": "Renamed"}}
      """
    Then the response status is 200
    And the resource now shows "title" as "Field Engineer"
    And the resource now shows "name.familyName" as "Renamed"
    And the resource now shows "name.givenName" as "{{user.name.givenName}}"

  @X-PING-02 @S-USER-04 @must @ping
  Scenario: PingFederate disables a user with PUT active false, and the user stays readable
    Given a user exists
    When I PUT "user" back with the changes:
      """
      {"active": false}
      """
    Then the response status is 200
    And the resource now shows "active" as the boolean false
    And the resource now shows "userName" as "{{user.userName}}"

  @X-PING-02 @P-PAGE-12 @must @ping
  Scenario: PingFederate finds groups by listing them page by page
    Given the server supports filter
    And a group "group 1" exists
    And a group "group 2" exists
    And a group "group 3" exists
    When I page through this scenario's Groups with count 1 and again with count 2
    Then both walks list "group 1, group 2, group 3" once each, in the same order

  @X-PING-02 @P-PATCH-19 @must @ping
  Scenario: PingFederate overwrites a group's members with PATCH
    Given the server supports patch
    And a user "user A" exists
    And a user "user B" exists
    And a user "user C" exists
    And a group exists with members "user A, user B"
    When I PATCH "/Groups/{{group.id}}" with:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "members", "value": [{"value": "{{user B.id}}"}, {"value": "{{user C.id}}"}]}]}
      """
    Then the PATCH succeeded
    And the resource now has exactly the members "user B, user C"

  @X-PING-02 @P-DEL-01 @must @ping
  Scenario: PingFederate's "Remove User Action: Delete" removes the user
    Given a user exists
    When I DELETE "/Users/{{user.id}}"
    Then the response status is 204
    And a GET of "/Users/{{user.id}}" answers 404
