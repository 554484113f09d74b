Feature: Sorting with sortBy and sortOrder (RFC 7644 §3.4.2.3)

  Sorting is optional: every scenario skips when /ServiceProviderConfig says sort.supported = false. The queries
  are scoped to the scenario's own users with a filter, so they need filter support too. Fixtures are created in
  an order that is neither the ascending nor the descending one.

  Background:
    Given the server supports sort
    And the server supports filter

  @P-SORT-01 @must
  Scenario: sortBy orders ascending by default
    Given these users exist:
      | fixture | userName |
      | b       | bravo    |
      | c       | charlie  |
      | a       | alpha    |
    When I GET '/Users?filter={{scope.users}}&sortBy=userName'
    Then the list is in the order "a, b, c"

  @P-SORT-01 @must
  Scenario: sortOrder=ascending is the same order
    Given these users exist:
      | fixture | userName |
      | b       | bravo    |
      | c       | charlie  |
      | a       | alpha    |
    When I GET '/Users?filter={{scope.users}}&sortBy=userName&sortOrder=ascending'
    Then the list is in the order "a, b, c"

  @P-SORT-02 @must
  Scenario: sortOrder=descending reverses the order
    Given these users exist:
      | fixture | userName |
      | b       | bravo    |
      | a       | alpha    |
      | c       | charlie  |
    When I GET '/Users?filter={{scope.users}}&sortBy=userName&sortOrder=descending'
    Then the list is in the order "c, b, a"

  # Sorted by code point, "Bravo" would come before "alpha".
  @P-SORT-03 @must
  Scenario: a caseExact-false string sorts without regard to case
    Given these users exist:
      | fixture | userName |
      | c       | charlie  |
      | a       | alpha    |
      | b       | Bravo    |
    When I GET '/Users?filter={{scope.users}}&sortBy=userName'
    Then the list is in the order "a, b, c"

  @P-SORT-04 @must
  Scenario: resources without the sort value come last when ascending
    Given these users exist:
      | fixture  | userName | title    |
      | untitled | alpha    |          |
      | beta     | bravo    | Beta     |
      | alpha    | charlie  | Alpha    |
    When I GET '/Users?filter={{scope.users}}&sortBy=title'
    Then the list is in the order "alpha, beta, untitled"

  @P-SORT-04 @must
  Scenario: resources without the sort value come first when descending
    Given these users exist:
      | fixture  | userName | title    |
      | beta     | alpha    | Beta     |
      | untitled | bravo    |          |
      | alpha    | charlie  | Alpha    |
    When I GET '/Users?filter={{scope.users}}&sortBy=title&sortOrder=descending'
    Then the list is in the order "untitled, beta, alpha"

  # Keys by primary value: u1 "mm", u3 "pp" (no primary: the first value), u2 "zz". Sorting by the first value
  # or by the smallest value gives u2, u3, u1 instead.
  @P-SORT-05 @must
  Scenario: a multi-valued attribute sorts by its primary value, else by its first value
    Given these users exist:
      | fixture | userName | emails                         |
      | u2      | alpha    | work:aa@x.com, home:zz@x.com*  |
      | u1      | bravo    | work:zz@y.com, home:mm@y.com*  |
      | u3      | charlie  | work:pp@z.com, home:ab@z.com   |
    When I GET '/Users?filter={{scope.users}}&sortBy=emails.value'
    Then the list is in the order "u1, u3, u2"

  @P-SORT-06 @must
  Scenario: a complex attribute sorts by a sub-attribute path
    Given these users exist:
      | fixture | userName | name.familyName |
      | jensen  | alpha    | Jensen          |
      | adams   | bravo    | Adams           |
      | smith   | charlie  | Smith           |
    When I GET '/Users?filter={{scope.users}}&sortBy=name.familyName'
    Then the list is in the order "adams, jensen, smith"

  @P-SORT-07 @must
  Scenario: sorting happens before paging
    Given these users exist:
      | fixture | userName |
      | c       | charlie  |
      | a       | alpha    |
      | d       | delta    |
      | b       | bravo    |
    When I GET '/Users?filter={{scope.users}}&sortBy=userName&startIndex=2&count=2'
    Then the list is in the order "b, c"
    And the list's totalResults is 4
