module gortconformance

go 1.23
