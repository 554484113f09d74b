Feature: PingFederate's SCIM provisioner: PUT updates, disable or delete (X-PING-02, idp-behaviours.md §3.1)

  PingFederate updates users with a PUT of the whole user, never PATCH, and deprovisions by PUT active false or
  by DELETE, as its "Remove User Action" says; it overwrites group members with PATCH. The connector reads a
  source private to the scenario; every check reads the target over SCIM. That the connector itself sends PUT,
  never PATCH, for users is pinned by test/simulators/pingfederate-mock-directory.test.ts, not judged here.

  @X-PING-02 @P-CREATE-01 @P-FILTER-01 @must @ping
  Scenario: a person of the source is created once in the target, active
    Given PingFederate provisions to the target, removing users by disable
    And PingFederate's source has the people "ana"
    When PingFederate's provisioning cycle runs
    Then the target has exactly one user for the person "ana"
    And the user of "ana" is active in the target
    And the user of "ana" has the name the IdP holds for that person

  @X-PING-02 @P-PUT-01 @P-PUT-02 @must @ping
  Scenario: a changed attribute is pushed with a PUT of the whole user, and the rest stays
    Given PingFederate provisions to the target, removing users by disable
    And PingFederate's source has the people "ana"
    And PingFederate's provisioning cycle ran
    When the title of "ana" becomes "Field Engineer" in PingFederate's source
    And PingFederate's provisioning cycle runs
    Then the user of "ana" shows "title" as "Field Engineer"
    And the user of "ana" has the name the IdP holds for that person
    And the user of "ana" is active in the target

  @X-PING-02 @S-USER-04 @P-PUT-01 @must @ping
  Scenario: with "Remove User Action: Disable", a person removed from the source is disabled and stays readable
    Given PingFederate provisions to the target, removing users by disable
    And PingFederate's source has the people "ana, ben"
    And PingFederate's provisioning cycle ran
    When "ana" is deleted from PingFederate's source
    And PingFederate's provisioning cycle runs
    Then the user of "ana" is inactive in the target
    And the target has exactly one user for the person "ana"
    And the user of "ben" is active in the target

  @X-PING-02 @S-USER-04 @must @ping
  Scenario: a person disabled in the source is disabled in the target
    Given PingFederate provisions to the target, removing users by disable
    And PingFederate's source has the people "ana"
    And PingFederate's provisioning cycle ran
    When "ana" is disabled in PingFederate's source
    And PingFederate's provisioning cycle runs
    Then the user of "ana" is inactive in the target
    And the target has exactly one user for the person "ana"

  @X-PING-02 @P-DEL-01 @P-DEL-02 @P-DEL-04 @must @ping
  Scenario: with "Remove User Action: Delete", a person removed from the source is deleted from the target
    Given PingFederate provisions to the target, removing users by delete
    And PingFederate's source has the people "ana, ben"
    And PingFederate's provisioning cycle ran
    When "ana" is deleted from PingFederate's source
    And PingFederate's provisioning cycle runs
    Then the user of "ana" is gone from the target
    And the user of "ben" is active in the target

  @X-PING-02 @P-PATCH-19 @P-PATCH-18 @must @ping
  Scenario: group membership and name changes are pushed with PATCH, leaving exactly the source's members
    Given the server supports patch
    And PingFederate provisions to the target, removing users by disable
    And PingFederate's source has the people "ana, ben"
    And PingFederate's source has the group "Sales" with the members "ana, ben"
    And PingFederate's provisioning cycle ran
    When "ben" leaves the group "Sales" in PingFederate's source
    And the group "Sales" is renamed to "Sales EMEA" in PingFederate's source
    And PingFederate's provisioning cycle runs
    Then the pushed group "Sales" has exactly the members "ana"
    And the pushed group "Sales" is named "Sales EMEA" in the target
