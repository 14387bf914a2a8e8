# Lists the open support requests of the tenant, newest first.
Connect-ContosoAdmin -Tenant "contoso.onmicrosoft.com"

Get-ContosoSupportRequest -State Open |
    Sort-Object -Property Created -Descending |
    Select-Object -Property Id, Title, Severity, Created

Disconnect-ContosoAdmin
