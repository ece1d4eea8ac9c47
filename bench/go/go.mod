module gortbench

go 1.23
