Feature: Entra ID provisions users (idp-behaviours.md §2.1-§2.3)

  The Entra ID simulator (simulators/entra.ts) runs the provisioning job against the target, in the legacy
  dialect (capitalised ops, "False" strings) or with the aadOptscim062020 flag. Entra ID authenticates with a
  bearer token only: with Basic credentials these scenarios are skipped. A strict server may refuse the
  legacy forms (rfc-requirements.md §22 A8-A10): the legacy scenario is then skipped with that reason; the
  flag's scenarios are the ones that must pass.

  @P-GET-07 @P-FILTER-01 @must @entra
  Scenario: Test Connection's lookup of a random GUID answers an empty list
    Given Entra ID provisions to the target in the "aadOptscim062020" dialect
    When Entra ID tests the connection
    Then every request the IdP sent was answered with success

  @X-ENTRA-07 @P-CREATE-01 @P-CREATE-14 @P-CREATE-16 @must @entra
  Scenario Outline: a new person is matched on userName, then created once and active (<dialect>)
    Given Entra ID provisions to the target in the "<dialect>" dialect
    When Entra ID provisions "maria"
    Then Entra ID created a new user for "maria"
    And the target has exactly one user for the person "maria"
    And the user of "maria" is active in the target
    And the user of "maria" has the name the IdP holds for that person

    Examples:
      | dialect          |
      | legacy           |
      | aadOptscim062020 |

  @X-ENTRA-01 @P-FILTER-01 @must @entra
  Scenario Outline: a person the target already has is matched and updated, not duplicated (<dialect>)
    Given the server supports patch
    And Entra ID provisions to the target in the "<dialect>" dialect
    And the target already has users for the people "maria"
    When Entra ID provisions "maria"
    Then Entra ID matched "maria" to the existing user
    And the user of "maria" is the user the target already had
    And the target has exactly one user for the person "maria"
    And the user of "maria" has the name the IdP holds for that person

    Examples:
      | dialect          |
      | legacy           |
      | aadOptscim062020 |

  @X-ENTRA-01 @P-PATCH-18 @P-PATCH-20 @must @entra
  Scenario: the legacy job updates with one capitalised Replace per attribute
    Given the server supports patch
    And Entra ID provisions to the target in the "legacy" dialect
    And Entra ID has provisioned "maria"
    When Entra ID updates "maria":
      | surname    | Lopez-Ruiz                 |
      | jobTitle   | Account Executive          |
      | department | Field Sales                |
      | mail       | m.lopezruiz@example.test   |
    Then the user of "maria" shows "name.familyName" as "Lopez-Ruiz"
    And the user of "maria" shows "title" as "Account Executive"
    And the user of "maria" shows "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" as "Field Sales"
    And the user of "maria" shows "emails.0.value" as "m.lopezruiz@example.test"

  @X-ENTRA-05 @P-PATCH-17 @P-PATCH-20 @must @entra
  Scenario: the flagged job updates with one path-less replace of dotted keys, and the work email by its filter
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "maria"
    When Entra ID updates "maria":
      | surname    | Lopez-Ruiz                 |
      | jobTitle   | Account Executive          |
      | employeeId | 10442                      |
      | mail       | m.lopezruiz@example.test   |
    Then the user of "maria" shows "name.familyName" as "Lopez-Ruiz"
    And the user of "maria" shows "title" as "Account Executive"
    And the user of "maria" shows "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber" as "10442"
    And the user of "maria" shows "emails.0.value" as "m.lopezruiz@example.test"

  @X-ENTRA-06 @P-PATCH-04 @P-CREATE-14 @must @entra
  Scenario Outline: the manager Entra ID sets is the manager the target shows (<dialect>, <path> path)
    Given the server supports patch
    And Entra ID provisions to the target in the "<dialect>" dialect, sending the manager on the <path> path
    And Entra ID has provisioned "maria, ben"
    When Entra ID sets the manager of "maria" to "ben"
    Then the user of "maria" has the user of "ben" as manager

    Examples:
      | dialect          | path       |
      | legacy           | enterprise |
      | aadOptscim062020 | enterprise |
      | legacy           | core       |

  @X-ENTRA-02 @X-ENTRA-09 @S-USER-04 @must @entra
  Scenario Outline: a disabled user stays readable and findable, inactive (<dialect>)
    Given the server supports patch
    And Entra ID provisions to the target in the "<dialect>" dialect
    And Entra ID has provisioned "maria"
    When Entra ID disables "maria"
    Then the user of "maria" is inactive in the target
    And the target has exactly one user for the person "maria"

    Examples:
      | dialect          |
      | legacy           |
      | aadOptscim062020 |
