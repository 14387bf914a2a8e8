# Exports the requests of the last 30 days to a CSV file.
param([string] $Path = "requests.csv")

function Export-Requests {
    # <export>
    $since = (Get-Date).AddDays(-30)
    Get-ContosoSupportRequest -CreatedAfter $since |
        Select-Object -Property Id, Title, State |
        Export-Csv -Path $Path -NoTypeInformation
    # </export>
}
