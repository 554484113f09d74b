Feature: Cursor-based pagination (RFC 9865)

  RFC 9865 (October 2025) updates RFC 7643/7644 with cursor paging. Every scenario first reads what
  /ServiceProviderConfig advertises under "pagination" (§4) and is skipped, with that reason, when the target does
  not offer cursors. Walks are scoped to the scenario's own users by eq/or filters; pages may be shorter than count.

  Background:
    Given the server supports filter
    And these users exist:
      | fixture | userName |
      | u1      | cursor-c |
      | u2      | cursor-a |
      | u3      | cursor-b |

  @C-SPC-01 @should
  Scenario: a target that pages by cursor advertises pagination in /ServiceProviderConfig
    When I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&count=1&cursor='
    Then a target that answers cursors advertises pagination

  @C-SPC-02 @C-SPC-03 @C-SPC-04 @must
  Scenario: the pagination configuration is well-formed
    Given the server supports cursor pagination
    Then pagination.cursor and pagination.index are booleans
    And pagination.defaultPaginationMethod is absent or one of "cursor, index"
    And pagination "defaultPageSize, maxPageSize, cursorTimeout" are absent or positive integers

  @C-PARAM-01 @C-PARAM-02 @C-RESP-01 @C-RESP-02 @C-WALK-01 @must
  Scenario: following nextCursor from an empty cursor returns every match once, within count, and stops
    Given the server supports cursor pagination
    When I walk '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}" or userName eq "{{u3.userName}}"' by cursor with count 2
    Then the cursor walk visited each of "u1, u2, u3" exactly once
    And every cursor page held at most 2 resources
    And the cursor walk took more than one page

  @C-PARAM-03 @should
  Scenario: cursor values use only URL-safe unreserved characters
    Given the server supports cursor pagination
    When I walk '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}" or userName eq "{{u3.userName}}"' by cursor with count 1
    Then every nextCursor of the walk uses only unreserved characters

  @C-RESP-03 @must
  Scenario: the first page carries no previousCursor
    Given the server supports cursor pagination
    When I walk '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"' by cursor with count 1
    Then the first cursor page has no previousCursor

  @C-WALK-02 @must
  Scenario: Groups are walked by cursor too
    Given the server supports cursor pagination
    And a group "g1" exists
    And a group "g2" exists
    When I walk '/Groups?filter=displayName eq "{{g1.displayName}}" or displayName eq "{{g2.displayName}}"' by cursor with count 1
    Then the cursor walk visited each of "g1, g2" exactly once

  @C-SORT-01 @should
  Scenario: sorted results stay sorted across cursor pages
    Given the server supports cursor pagination
    And the server supports sort
    When I walk '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}" or userName eq "{{u3.userName}}"&sortBy=userName&sortOrder=descending' by cursor with count 2
    Then the cursor walk visited each of "u1, u2, u3" exactly once
    And the cursor walk returned userNames in descending order

  @C-POST-01 @should
  Scenario: POST /.search takes cursor and count in its body
    Given the server supports cursor pagination
    When I walk "/Users" by cursor in .search bodies with count 2 and filter 'userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}" or userName eq "{{u3.userName}}"'
    Then the cursor walk visited each of "u1, u2, u3" exactly once

  @C-ERR-01 @should
  Scenario: a cursor the server never issued is refused with invalidCursor
    Given the server supports cursor pagination
    When I GET '/Users?filter=userName eq "{{u1.userName}}"&count=1' with a cursor the server never issued
    Then the response is a SCIM error with status 400 and scimType "invalidCursor"

  @C-ERR-02 @should
  Scenario: an altered cursor is detected as a forgery
    Given the server supports cursor pagination
    When I GET the first cursor page of '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"' with count 1
    And I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&count=1' with that nextCursor altered
    Then the response is a SCIM error with status 400 and scimType "invalidCursor"

  @C-ERR-04 @must
  Scenario: a fresh cursor is honoured within cursorTimeout
    Given the server supports cursor pagination
    When I GET the first cursor page of '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"' with count 1
    And I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&count=1' with that nextCursor
    Then the page holds 1 resource

  @C-ERR-03 @should
  Scenario: a cursor used after cursorTimeout is served or refused with expiredCursor
    Given the server supports cursor pagination
    When I GET the first cursor page of '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"' with count 1
    And I wait out the advertised cursorTimeout and GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&count=1' with that nextCursor
    Then the response is a page, or a SCIM error 400 with scimType one of "expiredCursor, invalidCursor"

  @C-MIX-01 @must
  Scenario: a query naming no paging method is answered by the advertised default
    Given the server supports cursor pagination
    When I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&count=1'
    Then the response status is 200
    And the page follows the advertised default pagination method

  @C-MIX-02 @should
  Scenario: startIndex asks for index paging and cursor for cursor paging
    Given the server supports cursor and index pagination
    When I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&startIndex=2&count=1'
    Then the page holds 1 resource
    And the list's startIndex is 2
    When I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&cursor=&count=1'
    Then the page answers nextCursor

  @C-MIX-03 @may
  Scenario: a cursor-only target answers nextCursor without being asked
    Given the server offers cursor pagination only
    When I GET '/Users?filter=userName eq "{{u1.userName}}" or userName eq "{{u2.userName}}"&count=1'
    Then the page answers nextCursor

  @C-SEC-01 @must
  Scenario: a cursor grants nothing beyond the caller's own authorization
    Given this cannot be checked over SCIM: "it needs the credentials of two actors, and the harness is given one"
