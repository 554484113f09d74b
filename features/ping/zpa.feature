Feature: PingFederate provisioning from an LDAP directory, as the target sees it (ZPA-01..09)
  The PingFederate outbound connector (simulators/pingfederate.ts) reads an embedded directory and provisions
  the run's target; every check reads the target over SCIM.

  @ZPA-01 @must @ping
  Scenario: an existing user is matched by mapping the directory mail to userName
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the target already has a user with the userName of the directory user "jdoe"
    When the PingFederate connector runs
    Then the target user for "jdoe" is the one that already existed

  @ZPA-02 @must @ping
  Scenario: a user in the targeted directory group is created in the target
    Given a directory with the users "jdoe, asmith" in the targeted group "Staff"
    When the PingFederate connector runs
    Then the target has one active user for the directory user "jdoe"
    And the target has one active user for the directory user "asmith"

  @ZPA-03 @must @ping
  Scenario: a change to a mapped attribute is pushed to the target
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the PingFederate connector ran
    When the directory user "jdoe" gets the title "CFO"
    And the PingFederate connector runs
    Then the target user for "jdoe" has the title "CFO"

  @ZPA-04 @must @ping
  Scenario: a disabled directory user is disabled in the target
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the PingFederate connector ran
    When the directory user "jdoe" is disabled
    And the PingFederate connector runs
    Then the target user for "jdoe" is inactive

  @ZPA-04 @must @ping
  Scenario: a user removed from the targeted group is deprovisioned
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the PingFederate connector ran
    When the directory user "jdoe" leaves the targeted group
    And the PingFederate connector runs
    Then the target user for "jdoe" is inactive

  @ZPA-04 @must @ping
  Scenario: with the "delete" remove-user action, a user deleted in the directory is deleted in the target
    Given a directory with the users "jdoe" in the targeted group "Staff", removing users by delete
    And the PingFederate connector ran
    When the directory user "jdoe" is deleted
    And the PingFederate connector runs
    Then the target has no user for "jdoe"

  @ZPA-05 @must @ping
  Scenario: an existing group is matched by name (cn = displayName)
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the directory group "Accounting" with members "jdoe"
    And the target already has a group named like the directory group "Accounting"
    When the PingFederate connector runs
    Then the target group named like "Accounting" is the one that already existed

  @ZPA-06 @must @ping
  Scenario: a directory group in the filter is created in the target with its members
    Given a directory with the users "jdoe, asmith" in the targeted group "Staff"
    And the directory group "Accounting" with members "jdoe"
    When the PingFederate connector runs
    Then the target has one group named like "Accounting" with exactly the members "jdoe"

  @ZPA-07 @must @ping
  Scenario: renaming the group in the directory renames the target group
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the directory group "Accounting" with members "jdoe"
    And the PingFederate connector ran
    When the directory group "Accounting" is renamed to "Finance"
    And the PingFederate connector runs
    Then the target has one group named like "Finance" with exactly the members "jdoe"
    And the target has no group named like "Accounting"

  @ZPA-08 @must @ping
  Scenario: the directory's membership overwrites the target's
    Given a directory with the users "jdoe, asmith" in the targeted group "Staff"
    And the directory group "Accounting" with members "jdoe"
    And the PingFederate connector ran
    When "asmith" joins the directory group "Accounting"
    And "jdoe" leaves the directory group "Accounting"
    And the PingFederate connector runs
    Then the target has one group named like "Accounting" with exactly the members "asmith"

  @ZPA-09 @must @ping
  Scenario: deleting the group in the directory deletes the target group
    Given a directory with the users "jdoe" in the targeted group "Staff"
    And the directory group "Accounting" with members "jdoe"
    And the PingFederate connector ran
    When the directory group "Accounting" is deleted
    And the PingFederate connector runs
    Then the target has no group named like "Accounting"
