Feature: Entra ID quarantines a failing job (idp-behaviours.md §2.5)

  Entra ID counts every operation of a job as an event; when most of its first events fail, the job is
  quarantined (EncounteredQuarantineException) and sends nothing more. The failures here are a fault only the
  scenario controls: updates of users the target has never had (made-up ids), which any server answers 404.
  Whether and when the simulated job quarantines itself is the simulator's behaviour, not the server's: that is
  pinned by test/simulators/entra.test.ts, and these scenarios judge only what the target answered.

  @P-GET-02 @P-ERR-01 @should @entra
  Scenario: a job whose first ten operations mostly fail gets a 404 for each user the target never had
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And the target already has users for the people "ana, ben, cleo, dan"
    When Entra ID updates "ana, ben, cleo, dan" and 6 users the target does not have
    Then every update of a user the target does not have was answered 404

  @P-GET-02 @should @entra
  Scenario: a job whose first ten operations mostly succeed carries on
    Given the server supports patch
    And Entra ID provisions to the target in the "aadOptscim062020" dialect
    And the target already has users for the people "ana, ben, cleo, dan, eve, fay"
    When Entra ID updates "ana, ben, cleo, dan, eve, fay" and 4 users the target does not have
    Then every update of a user the target does not have was answered 404
    And Entra ID's next update of "ana" reaches the target
