Feature: Okta pushes groups (idp-behaviours.md §1.5)

  Group Push looks the group up by displayName, creates it with no members, then pushes the members with one
  PATCH (OIN: a remove per leaving member and an add of the new ones, after re-sending the rename replace with
  the group's own id) or with GET then PUT (AIW). Checks read the group back from the target.

  @X-OKTA-03 @P-CREATE-13 @P-PATCH-09 @must @okta
  Scenario: a pushed group is created once, with exactly the pushed members
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "ana, ben"
    When Okta pushes the group "Sales" with the members "ana, ben"
    Then the pushed group "Sales" exists exactly once in the target
    And the pushed group "Sales" has exactly the members "ana, ben"

  @X-OKTA-03 @P-FILTER-01 @must @okta
  Scenario: pushing a group whose name the target already has links to it instead of duplicating it
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "ana"
    And the target already has a group named "Sales" with the members ""
    When Okta pushes the group "Sales" with the members "ana"
    Then the pushed group "Sales" is the group the target already had
    And the pushed group "Sales" exists exactly once in the target
    And the pushed group "Sales" has exactly the members "ana"

  @X-OKTA-03 @P-PATCH-09 @P-PATCH-13 @P-PATCH-27 @must @okta
  Scenario: a membership push removes the leaving members and adds the new ones, and nobody else changes
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "ana, ben, cleo"
    And Okta has pushed the group "Sales" with the members "ana, ben"
    When Okta pushes the group "Sales" adding "cleo" and removing "ana"
    Then the pushed group "Sales" has exactly the members "ben, cleo"
    And the pushed group "Sales" is named "Sales" in the target

  @X-OKTA-03 @P-PATCH-17 @must @okta
  Scenario: a rename that repeats the group's own id takes, and keeps the members
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "ana"
    And Okta has pushed the group "Sales" with the members "ana"
    When Okta renames the pushed group "Sales" to "Sales EMEA"
    Then the pushed group "Sales" is named "Sales EMEA" in the target
    And the pushed group "Sales" has exactly the members "ana"

  @X-OKTA-03 @P-PUT-01 @P-PUT-02 @must @okta
  Scenario: an AIW integration pushes membership with GET then PUT of the whole group
    Given Okta provisions to the target as an "aiw" integration
    And Okta has assigned "ana, ben, cleo"
    And Okta has pushed the group "Sales" with the members "ana, ben"
    When Okta pushes the group "Sales" adding "cleo" and removing "ana"
    Then the pushed group "Sales" has exactly the members "ben, cleo"

  @P-DEL-05 @must @okta
  Scenario: a group Okta deletes is gone, and its members stay
    Given the server supports patch
    And Okta provisions to the target
    And Okta has assigned "ana"
    And Okta has pushed the group "Sales" with the members "ana"
    When Okta deletes the pushed group "Sales"
    Then the pushed group "Sales" is gone from the target
    And the user of "ana" is active in the target
