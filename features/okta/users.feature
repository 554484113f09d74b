Feature: Okta provisions users (idp-behaviours.md §1.2-§1.4, §1.7)

  The Okta simulator (simulators/okta.ts) sends its own request sequences to the target; each scenario then
  reads the target as an Okta admin checking the app would: the user exists once, the link took, the
  deactivation shows. Okta's traffic is attached to the scenario as evidence. What the simulator itself sends
  (a deactivation is never a DELETE) is pinned by test/simulators/okta.test.ts, not judged as the server's.

  @X-OKTA-01 @P-GET-05 @must @okta
  Scenario: Okta's "Test Connector Configuration" succeeds
    Given Okta provisions to the target
    When Okta tests the connector configuration
    Then every request the IdP sent was answered with success

  @X-OKTA-01 @X-OKTA-05 @P-CREATE-01 @P-CREATE-17 @must @okta
  Scenario: assigning a new person looks the userName up, then creates exactly one active user
    Given Okta provisions to the target
    When Okta assigns "maria"
    Then Okta created a new user for "maria"
    And the target has exactly one user for the person "maria"
    And the user of "maria" is active in the target
    And the user of "maria" has the name the IdP holds for that person

  @X-OKTA-01 @P-FILTER-01 @must @okta
  Scenario: assigning a person the target already has links to that user instead of duplicating it
    Given Okta provisions to the target
    And the target already has users for the people "maria"
    When Okta assigns "maria"
    Then Okta linked "maria" instead of creating a user
    And the user of "maria" is the user the target already had
    And the target has exactly one user for the person "maria"
    And the user of "maria" has the name the IdP holds for that person

  @X-OKTA-05 @P-UNIQ-01 @must @okta
  Scenario: a create that collides with a user made after Okta's lookup is refused with 409 uniqueness
    Given Okta provisions to the target
    And another client creates the user of "maria" right after Okta's lookup
    When Okta tries to assign "maria"
    Then the IdP was refused with a SCIM error 409 "uniqueness"
    And the target has exactly one user for the person "maria"
    And the user of "maria" is the user the target already had

  @X-OKTA-01 @X-OKTA-05 @must @okta
  Scenario: Okta's assignment retried after a 409 links to the user that caused it
    Given Okta provisions to the target
    And another client creates the user of "maria" right after Okta's lookup
    And Okta tries to assign "maria"
    When Okta assigns "maria"
    Then Okta linked "maria" instead of creating a user
    And the user of "maria" is the user the target already had
    And the target has exactly one user for the person "maria"

  @X-OKTA-02 @P-PATCH-17 @S-USER-04 @must @okta
  Scenario Outline: a deactivated user stays in the target, inactive, and is never deleted (<integration>)
    Given the server supports patch
    And Okta provisions to the target as an "<integration>" integration
    And Okta has assigned "maria"
    When Okta deactivates "maria"
    Then the user of "maria" is inactive in the target
    And the target has exactly one user for the person "maria"

    Examples:
      | integration |
      | oin-patch   |
      | oin-legacy  |

  @X-OKTA-02 @P-PUT-01 @S-USER-04 @must @okta
  Scenario: an AIW integration deactivates with GET then PUT, and the user stays in the target
    Given Okta provisions to the target as an "aiw" integration
    And Okta has assigned "maria"
    When Okta deactivates "maria"
    Then the user of "maria" is inactive in the target
    And the target has exactly one user for the person "maria"

  @X-OKTA-02 @P-PATCH-17 @S-USER-04 @must @okta
  Scenario: a reactivated user is active again, the same user
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "maria"
    And Okta has deactivated "maria"
    When Okta reactivates "maria"
    Then the user of "maria" is active in the target
    And the target has exactly one user for the person "maria"

  @X-OKTA-01 @X-OKTA-02 @must @okta
  Scenario: re-assigning a deactivated person finds the inactive user and links to it
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "maria"
    And Okta has deactivated "maria"
    When Okta assigns "maria"
    Then Okta linked "maria" instead of creating a user
    And the target has exactly one user for the person "maria"

  @P-PATCH-17 @P-PATCH-24 @must @okta
  Scenario: an OIN integration pushes a profile change with a path-less PATCH replace
    Given the server supports patch
    And Okta provisions to the target as an "oin-patch" integration
    And Okta has assigned "maria"
    When Okta pushes a profile change for "maria":
      | familyName | Lopez-Ruiz        |
      | title      | Account Executive |
    Then the user of "maria" shows "name.familyName" as "Lopez-Ruiz"
    And the user of "maria" shows "title" as "Account Executive"
    And the user of "maria" is active in the target

  @P-PUT-01 @P-PUT-03 @must @okta
  Scenario Outline: a <integration> integration pushes a profile change with GET then a whole PUT
    Given Okta provisions to the target as an "<integration>" integration
    And Okta has assigned "maria"
    When Okta pushes a profile change for "maria":
      | familyName | Lopez-Ruiz        |
      | title      | Account Executive |
    Then the user of "maria" shows "name.familyName" as "Lopez-Ruiz"
    And the user of "maria" shows "title" as "Account Executive"
    And the user of "maria" is active in the target
    And the target has exactly one user for the person "maria"

    Examples:
      | integration |
      | oin-legacy  |
      | aiw         |
