Feature: PingOne pushes groups onto the target (idp-behaviours.md §3.2)

  PingOne looks a pushed group up by displayName; a new name is created with its members, an existing name is
  merged (the members it lacks are added) or overwritten (its member list replaced), as the admin chose.

  @P-CREATE-13 @P-FILTER-01 @must @pingone
  Scenario: a group the target does not have is created once, with its members
    Given PingOne provisions groups to the target
    And the target already has users for the people "ana, ben"
    When PingOne pushes the group "Sales" with the members "ana, ben", choosing merge for an existing group
    Then the pushed group "Sales" exists exactly once in the target
    And the pushed group "Sales" has exactly the members "ana, ben"

  @P-PATCH-09 @must @pingone
  Scenario: merging onto a group the target already has adds the missing members and keeps the others
    Given the server supports patch
    And PingOne provisions groups to the target
    And the target already has users for the people "ana, ben, cleo"
    And the target already has a group named "Sales" with the members "ana, ben"
    When PingOne pushes the group "Sales" with the members "ben, cleo", choosing merge for an existing group
    Then the pushed group "Sales" is the group the target already had
    And the pushed group "Sales" exists exactly once in the target
    And the pushed group "Sales" has exactly the members "ana, ben, cleo"

  @P-PATCH-19 @must @pingone
  Scenario: overwriting a group the target already has leaves exactly the pushed members
    Given the server supports patch
    And PingOne provisions groups to the target
    And the target already has users for the people "ana, ben, cleo"
    And the target already has a group named "Sales" with the members "ana, ben"
    When PingOne pushes the group "Sales" with the members "ben, cleo", choosing overwrite for an existing group
    Then the pushed group "Sales" is the group the target already had
    And the pushed group "Sales" exists exactly once in the target
    And the pushed group "Sales" has exactly the members "ben, cleo"
