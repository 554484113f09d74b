Feature: Index-based pagination (RFC 7644 §3.4.2.4, Tables 6 and 7)

  Pagination is not optional. Where a scenario must know the whole result set, it scopes the query to its own
  resources with `{{scope.users}}` (eq and or on its own userNames; a server declining that skips the scenario), and
  so needs filter support; the others run on whatever the target holds. A page may hold fewer resources than count
  asked for (§3.4.2.4: the server MAY return fewer): list checks read on to the next page, walks advance by what a
  page returned.
  RFC 9865 cursor members (nextCursor, previousCursor) may appear and are ignored (§22 A23).

  @P-PAGE-01 @must @okta @ping
  Scenario: startIndex=1 starts at the first resource
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&startIndex=1&count=10'
    Then the list holds exactly "u1, u2, u3"
    And the list's startIndex is 1

  @P-PAGE-01 @must @okta @ping
  Scenario: startIndex=3 of three resources is the last one alone
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&startIndex=3&count=10'
    Then the page holds 1 resource
    And the list's startIndex is 3
    And the list's totalResults is 3

  @P-PAGE-02 @must @okta
  Scenario: a page never holds more than count resources
    Given these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET "/Users?count=2"
    Then the page holds at most 2 resources

  @P-PAGE-02 @must @okta
  Scenario: count=1 on a filtered query returns one resource
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
    When I GET '/Users?filter={{scope.users}}&count=1'
    Then the page holds 1 resource
    And the list's totalResults is 2

  @P-PAGE-03 @must
  Scenario Outline: a startIndex below 1 is treated as 1 (startIndex=<startIndex>)
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&startIndex=<startIndex>&count=10'
    Then the list holds exactly "u1, u2, u3"
    And the list's startIndex is 1

    Examples:
      | startIndex |
      | 0          |
      | -5         |

  @P-PAGE-04 @must
  Scenario: a negative count is treated as 0
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&count=-1'
    Then the page holds 0 resources
    And the list's totalResults is 3

  # §22 A14: Resources may be absent or empty.
  @P-PAGE-05 @must
  Scenario: count=0 returns only totalResults
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&count=0'
    Then the page holds 0 resources
    And the list's totalResults is 3

  @P-PAGE-06 @must @okta
  Scenario: totalResults counts every match, not the page
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | delta    |
      | u2      | bravo    |
      | u3      | echo     |
      | u4      | alpha    |
      | u5      | charlie  |
    When I GET '/Users?filter={{scope.users}}&count=2'
    Then the page holds at most 2 resources
    And the list's totalResults is 5

  @P-PAGE-07 @must @okta
  Scenario: a paged response carries startIndex and itemsPerPage
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&count=2'
    Then the page holds at most 2 resources
    And the list's startIndex is 1
    And itemsPerPage is the number of resources on the page

  @P-PAGE-08 @must @okta
  Scenario: totalResults, itemsPerPage and startIndex are JSON integers
    Given these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
    When I GET "/Users?startIndex=1&count=2"
    Then the response status is 200
    And the paging numbers are non-negative JSON integers
    And the list's startIndex is 1

  @P-PAGE-09 @must
  Scenario: without count the server applies its own maximum
    Given these users exist:
      | fixture | userName |
      | u1      | bravo    |
    When I GET "/Users"
    Then the page respects filter.maxResults and says where it stands when truncated

  @P-PAGE-10 @must
  Scenario: a startIndex past the end is an empty page, not an error
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&startIndex=13&count=10'
    Then the page holds 0 resources
    And the list's totalResults is 3

  @P-PAGE-11 @must @okta @ping
  Scenario: walking the pages of users visits every match once
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | delta    |
      | u2      | bravo    |
      | u3      | echo     |
      | u4      | alpha    |
      | u5      | charlie  |
    When I walk the pages of '/Users?filter={{scope.users}}' with count 2
    Then the walk visited each of "u1, u2, u3, u4, u5" exactly once

  @P-PAGE-11 @P-PAGE-12 @must @okta @ping
  Scenario: walking the pages of groups visits every match once
    Given the server supports filter
    And these groups exist:
      | fixture | displayName |
      | g1      | operators   |
      | g2      | admins      |
      | g3      | auditors    |
    When I walk the pages of '/Groups?filter={{scope.groups}}' with count 2
    Then the walk visited each of "g1, g2, g3" exactly once

  @P-PAGE-12 @must @okta @ping
  Scenario: /Groups is paged
    Given these groups exist:
      | fixture | displayName |
      | g1      | operators   |
      | g2      | admins      |
    When I GET "/Groups?startIndex=1&count=1"
    Then the page holds 1 resource
    And the list's startIndex is 1

  @P-PAGE-12 @must @okta @ping
  Scenario: paging combines with a filter
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | bravo    |
      | u2      | charlie  |
      | u3      | alpha    |
    When I GET '/Users?filter={{scope.users}}&startIndex=2&count=1'
    Then the page holds 1 resource
    And the list's startIndex is 2
    And the list's totalResults is 3
