Feature: Entra ID provisions groups (idp-behaviours.md §2.2)

  Groups are matched by displayName with excludedAttributes=members, created with Entra's extra ADSCIM schema
  URN and no members, then members are added several at a time and removed: in the legacy dialect with one
  Remove carrying a value list (only those members go), with the flag with one filtered remove per member.

  @X-ENTRA-07 @P-CREATE-13 @P-PATCH-09 @must @entra
  Scenario Outline: a provisioned group is created once, and several members are added in one PATCH (<dialect>)
    Given the server supports patch
    And Entra ID provisions to the target in the "<dialect>" dialect
    And Entra ID has provisioned "ana, ben, cleo"
    And Entra ID has provisioned the group "Sales" with the members ""
    When Entra ID adds "ana, ben, cleo" to the group "Sales"
    Then the pushed group "Sales" exists exactly once in the target
    And the pushed group "Sales" has exactly the members "ana, ben, cleo"

    Examples:
      | dialect          |
      | legacy           |
      | aadOptscim062020 |

  @X-ENTRA-08 @P-PROJ-10 @must @entra
  Scenario: a group the target already has is matched by displayName, not duplicated
    Given Entra ID provisions to the target in the "aadOptscim062020" dialect
    And the target already has a group named "Sales" with the members ""
    When Entra ID provisions the group "Sales"
    Then the pushed group "Sales" is the group the target already had
    And the pushed group "Sales" exists exactly once in the target

  @X-ENTRA-03 @must @entra
  Scenario: the legacy member removal removes only the listed member
    Given the server supports patch
    And Entra ID provisions to the target in the "legacy" dialect
    And Entra ID has provisioned "ana, ben, cleo"
    And Entra ID has provisioned the group "Sales" with the members "ana, ben, cleo"
    When Entra ID removes "ben" from the group "Sales"
    Then the pushed group "Sales" has exactly the members "ana, cleo"

  @P-PATCH-13 @must @entra
  Scenario: the flagged member removal (one filtered remove per member) removes only those members
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "ana, ben, cleo"
    And Entra ID has provisioned the group "Sales" with the members "ana, ben, cleo"
    When Entra ID removes "ana, ben" from the group "Sales"
    Then the pushed group "Sales" has exactly the members "cleo"

  @X-ENTRA-01 @P-PATCH-18 @must @entra
  Scenario Outline: a rename replaces the displayName and keeps the members (<dialect>)
    Given the server supports patch
    And Entra ID provisions to the target in the "<dialect>" dialect
    And Entra ID has provisioned "ana"
    And Entra ID has provisioned the group "Sales" with the members "ana"
    When Entra ID renames the group "Sales" to "Sales EMEA"
    Then the pushed group "Sales" is named "Sales EMEA" in the target
    And the pushed group "Sales" has exactly the members "ana"

    Examples:
      | dialect          |
      | legacy           |
      | aadOptscim062020 |

  @P-PROJ-10 @must @entra
  Scenario: Entra ID reads a group without its members
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "ana"
    And Entra ID has provisioned the group "Sales" with the members "ana"
    When Entra ID reads the group "Sales"
    Then the group Entra ID read lists no members

  @P-DEL-05 @must @entra
  Scenario: a group Entra ID deletes is gone, and its members stay
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And Entra ID has provisioned "ana"
    And Entra ID has provisioned the group "Sales" with the members "ana"
    When Entra ID deletes the group "Sales"
    Then the pushed group "Sales" is gone from the target
    And the user of "ana" is active in the target
